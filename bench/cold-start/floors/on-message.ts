// Floor for on-message: the reply (a pong, or an error for a frame no route takes) through @connections.
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';

const connections = new ApiGatewayManagementApiClient({ endpoint: process.env['CONNECTIONS_API_ENDPOINT'] ?? '' });

export const handler = async (event: { requestContext: { connectionId: string } }) => {
  await connections.send(
    new PostToConnectionCommand({ ConnectionId: event.requestContext.connectionId, Data: '{"type":"pong","version":1}' }),
  );
  return { statusCode: 200 };
};
