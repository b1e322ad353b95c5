import { createSocket } from 'node:dgram';
import { Message, parseMessage } from 'werift';

/**
 * A STUN binding responder on 127.0.0.1 for werift peers on the SFU's own host (the recorder, and
 * the peers of tests and benchmarks). werift asks stun.l.google.com for a server-reflexive candidate
 * when `iceServers` is empty; giving the peers this server keeps every packet on this host and
 * gathering instant.
 */
export async function startLoopbackStun(): Promise<{ url: string; close: () => Promise<void> }> {
  const socket = createSocket('udp4');
  socket.on('message', (data, remote) => {
    const request = parseMessage(data);
    if (request?.messageClass !== 0) return;
    const response = new Message(request.messageMethod, 0x100, request.transactionId);
    response.setAttribute('XOR-MAPPED-ADDRESS', [remote.address, remote.port]);
    socket.send(response.bytes, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    url: `stun:127.0.0.1:${socket.address().port}`,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
