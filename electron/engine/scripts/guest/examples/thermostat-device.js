// A simulated thermostat with its own MQTT client: registers itself, answers commands on
// thermostat/<mac>, and reports its temperature every INTERVAL ms. Stop it "abruptly" and
// the broker publishes the profile's will (e.g. thermostat/<mac>/status = offline).
const INTERVAL = 2000;
const mac = env.clientId;
const base = `thermostat/${mac}`;
state.target = 21;
state.temp = 18;

publish('thermostat/register', { mac, model: 'MQScope T-1' }, { qos: 1 });
subscribe(base, 1);

on(base, (message) => {
  const command = message.json;
  if (command === undefined || command === null || typeof command !== 'object') {
    warn('Not a JSON command:', message.payload);
    return;
  }
  if (typeof command.target === 'number') state.target = command.target;
  publish(`${base}/ack`, { ok: true, target: state.target }, { qos: 1 });
});

every(INTERVAL, () => {
  const drift = (state.target - state.temp) * 0.2 + random(-0.1, 0.1);
  state.temp = Math.round((state.temp + drift) * 10) / 10;
  publish(`${base}/temperature`, { mac, temp: state.temp, target: state.target, at: now() });
});
