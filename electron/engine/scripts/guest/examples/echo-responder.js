// An echo responder (MQTT 5 request/response): each request is answered on its response
// topic, carrying the request's correlation data back, so the requester can match them.
// The connection must be subscribed to the requests' topic.
on('echo/request/#', (message) => {
  const { responseTopic, correlationData } = message.properties;
  if (!responseTopic) {
    warn('No response topic on', message.topic, '- nothing to answer.');
    return;
  }
  publish(responseTopic, message.payload, {
    qos: message.qos,
    properties: { correlationData, contentType: message.properties.contentType },
  });
});
