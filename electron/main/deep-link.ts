/**
 * `mqscope://connect?url=mqtt://host:1883` links (issue 19 #3). A link only fills a new,
 * unsaved connection: it never connects by itself, so a web page cannot make MQScope talk
 * to a broker. Anything but that one exact shape is refused with a reason.
 */
import type { DeepLinkEvent, LinkDraft, LinkProblem, Transport } from '../contract';

export const LINK_SCHEME = 'mqscope';
const MAX_LINK = 2048;
const DEFAULT_PORTS: Record<Transport, number> = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 };
const DEFAULT_PATH = '/mqtt';

/** True when a command-line argument is meant as a link (argv also holds flags and paths). */
export function isLinkArgument(arg: string): boolean {
  return arg.slice(0, LINK_SCHEME.length + 1).toLowerCase() === `${LINK_SCHEME}:`;
}

function isTransport(value: string): value is Transport {
  return Object.hasOwn(DEFAULT_PORTS, value);
}

function refuse(problem: LinkProblem, link: string): DeepLinkEvent {
  return { ok: false, problem, link: link.length > 200 ? `${link.slice(0, 199)}…` : link };
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function brokerDraft(target: URL): LinkDraft | LinkProblem {
  const transport = target.protocol.slice(0, -1);
  if (!isTransport(transport)) return 'unsupported-protocol';
  // WHATWG URL keeps the brackets of an IPv6 literal; the connect options want the bare address.
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return 'missing-host';
  if (target.password) return 'has-password';
  if (target.search || target.hash) return 'has-extras';
  const isWebSocket = transport === 'ws' || transport === 'wss';
  if (!isWebSocket && target.pathname !== '' && target.pathname !== '/') return 'has-extras';
  const port = target.port === '' ? DEFAULT_PORTS[transport] : Number(target.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return 'bad-port';
  return {
    transport,
    host,
    port,
    path: isWebSocket ? (target.pathname === '/' ? DEFAULT_PATH : target.pathname) : '',
    username: decodeURIComponent(target.username),
  };
}

export function parseDeepLink(link: string): DeepLinkEvent {
  if (link.length > MAX_LINK) return refuse('too-long', link);
  const url = parseUrl(link);
  if (!url) return refuse('not-a-url', link);
  if (url.protocol !== `${LINK_SCHEME}:`) return refuse('wrong-scheme', link);
  // `mqscope://connect?…` puts the action in the host; `mqscope:connect?…` in the path.
  const action = (url.host || url.pathname).replace(/\/+$/, '').replace(/^\/+/, '');
  if (action !== 'connect' || (url.host && url.pathname !== '' && url.pathname !== '/')) {
    return refuse('unknown-action', link);
  }
  const keys = [...url.searchParams.keys()];
  if (!keys.includes('url')) return refuse('missing-url', link);
  if (keys.length !== 1 || url.hash) return refuse('extra-parameters', link);
  const target = parseUrl(url.searchParams.get('url') ?? '');
  if (!target) return refuse('not-a-url', link);
  const draft = brokerDraft(target);
  return typeof draft === 'string' ? refuse(draft, link) : { ok: true, draft };
}
