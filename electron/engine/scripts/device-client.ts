import mqtt, { type MqttClient } from 'mqtt';
import { ConnectOptionsSchema, type ConnectOptions } from '../../contract';
import { brokerUrl, buildClientOptions, generateClientId } from '../client-options';

export interface DeviceConnection {
  client: MqttClient;
  clientId: string;
  v5: boolean;
}

/**
 * A simulated device's own MQTT client: the profile's broker, credentials, TLS, will and
 * keepalive through the engine's one client-options builder, with the device's client id.
 * Resolves once connected; rejects with the broker's or the socket's reason.
 */
export async function connectDevice(options: ConnectOptions, clientId: string): Promise<DeviceConnection> {
  const parsed = ConnectOptionsSchema.parse(options);
  const id = clientId || parsed.clientId || generateClientId();
  const clientOptions = await buildClientOptions(parsed, id);
  const client = mqtt.connect(brokerUrl(parsed), clientOptions);
  await new Promise<void>((resolve, reject) => {
    const closed = () => fail(new Error('The broker closed the connection.'));
    const done = () => {
      client.removeListener('connect', ok);
      client.removeListener('error', fail);
      client.removeListener('close', closed);
    };
    function fail(error: Error) {
      done();
      client.end(true);
      reject(error);
    }
    function ok() {
      done();
      resolve();
    }
    client.on('connect', ok);
    client.on('error', fail);
    client.on('close', closed);
  });
  // A later socket error ends the client; the caller watches 'close'.
  client.on('error', () => undefined);
  return { client, clientId: id, v5: parsed.protocolVersion === '5.0' };
}
