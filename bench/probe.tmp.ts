import { gatewayCapacity } from './gateway-capacity/gateway-capacity.bench';
const s = await gatewayCapacity.run({ quick: false });
console.log(JSON.stringify(s.figures), JSON.stringify(s.data));
process.exit(0);
