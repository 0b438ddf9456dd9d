/**
 * Device messages any device may send (`ping`) and everything no other route takes (`$default`: unknown actions,
 * frames that are not JSON): the reply is pushed to the sender through the management API. It holds no grant but
 * that push (see message-routes.ts for the split).
 * Its environment variables: LAMBDA_ROOTS['on-message'] in functions.ts.
 */
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { pushModule } from '../di/aws/push.module';
import { settingsModule } from '../di/settings.module';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';
import { anyDeviceMessages } from './message-handlers';

const telemetry = powertoolsTelemetry(serviceName('on-message'));
// The default ring settings: of them, only the push concurrency is used, and one reply needs one socket.
const container = lambdaContainer(settingsModule(), pushModule(process.env));

export const handler = lambdaEntry(telemetry, anyDeviceMessages(container, telemetry));
