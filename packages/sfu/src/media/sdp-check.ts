/** Largest description accepted (a subscriber with dozens of m-sections stays far below). */
const maxSdpLength = 256 * 1024;

function midsOf(sections: string[]): string[] {
  return sections.map((section, index) => {
    const mid = /\r?\na=mid:(\S+)/.exec(section)?.[1];
    if (!mid) throw new TypeError(`malformed SDP: m-section ${index} has no a=mid`);
    return mid;
  });
}

/**
 * Refuses descriptions werift would half-apply: it parses nearly anything without complaint (an
 * answer of "garbage" is taken as an answer without media). Checks the shape only: a session, m-sections
 * with MIDs, ICE credentials and a DTLS fingerprint, and for an answer the offer's MIDs in order.
 * Returns the MIDs.
 */
export function checkSessionDescription(
  sdp: unknown,
  type: 'offer' | 'answer',
  offeredMids?: string[],
): string[] {
  if (typeof sdp !== 'string' || !sdp.startsWith('v=0'))
    throw new TypeError('malformed SDP: it must start with v=0');
  if (sdp.length > maxSdpLength) throw new TypeError('malformed SDP: too large');
  const [session = '', ...sections] = sdp.split(/\r?\nm=/);
  if (sections.length === 0) throw new TypeError(`malformed SDP: the ${type} has no m-section`);
  const mids = midsOf(sections);
  const has = (attribute: string, section: string) =>
    section.includes(`\na=${attribute}`) || session.includes(`\na=${attribute}`);
  for (const [index, section] of sections.entries()) {
    if (!has('ice-ufrag:', section) || !has('ice-pwd:', section)) {
      throw new TypeError(`malformed SDP: m-section ${index} has no ICE credentials`);
    }
    if (!has('fingerprint:', section))
      throw new TypeError(`malformed SDP: m-section ${index} has no DTLS fingerprint`);
  }
  // werift routes simulcast RTP by RID per connection, not per m-section: two m-sections with the same
  // RID (a simulcast camera and a simulcast screen share both using q/h/f) would receive each other's.
  const rids = sections.flatMap((section) =>
    [...section.matchAll(/\r?\na=rid:(\S+) /g)].map((match) => match[1]),
  );
  const duplicate = rids.find((rid, index) => rids.indexOf(rid) !== index);
  if (duplicate) throw new TypeError(`unsupported SDP: RID ${duplicate} is used by two m-sections`);
  if (offeredMids && mids.join(' ') !== offeredMids.join(' ')) {
    throw new TypeError(
      `malformed SDP: the answer's m-sections (${mids.join(' ')}) are not the offer's (${offeredMids.join(' ')})`,
    );
  }
  return mids;
}

/** The MIDs of a description werift produced. */
export function midsOfDescription(sdp: string): string[] {
  return midsOf(sdp.split(/\r?\nm=/).slice(1));
}
