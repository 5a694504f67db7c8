// One file per area: a new area adds its own file and one line here.
import format from './format.json';
import app from './app.json';
import connections from './connections.json';
import common from './common.json';
import topics from './topics.json';
import messages from './messages.json';
import subscriptions from './subscriptions.json';
import inspector from './inspector.json';
import lab from './lab.json';
import broker from './broker.json';
import packets from './packets.json';
import ui from './ui.json';
import publish from './publish.json';
import profiles from './profiles.json';
import record from './record.json';
import check from './check.json';
import desktop from './desktop.json';
import engine from './engine.json';
import codecs from './codecs.json';
import data from './data.json';
import charts from './charts.json';
import workbench from './workbench.json';
import settings from './settings.json';
import sys from './sys.json';
import sparkplug from './sparkplug.json';
import scripts from './scripts.json';
import formCheck from './formCheck.json';

export default {
  format,
  app,
  connections,
  common,
  topics,
  messages,
  subscriptions,
  inspector,
  lab,
  broker,
  packets,
  ui,
  publish,
  profiles,
  record,
  check,
  desktop,
  engine,
  codecs,
  data,
  charts,
  workbench,
  settings,
  sys,
  sparkplug,
  scripts,
  formCheck,
};
