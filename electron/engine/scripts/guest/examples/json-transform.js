// A JSON transform: pulls one number out of each message, for the detail pane and a chart.
// Messages that are not JSON (or lack the field) answer null instead of failing.
transform((message) => {
  const data = message.json;
  if (data === undefined || data === null || typeof data !== 'object') return null;
  const celsius = typeof data.temp === 'number' ? data.temp : null;
  return {
    celsius,
    fahrenheit: celsius === null ? null : Math.round((celsius * 9) / 5 + 32),
    topic: message.topic,
  };
});
