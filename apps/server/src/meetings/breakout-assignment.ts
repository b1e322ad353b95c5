/**
 * Splits people evenly over breakout rooms: each in turn goes to the room with the fewest people so
 * far (the first such room on a tie), counting those already assigned, so room sizes differ by at
 * most one wherever the fixed assignments allow it. Returns every assignment, old and new.
 */
export function assignEvenly(
  roomIds: readonly string[],
  assigned: ReadonlyMap<string, string>,
  people: readonly string[],
): Map<string, string> {
  const result = new Map(assigned);
  if (roomIds.length === 0) return result;
  const sizes = new Map(roomIds.map((id) => [id, 0]));
  for (const roomId of assigned.values()) {
    const size = sizes.get(roomId);
    if (size !== undefined) sizes.set(roomId, size + 1);
  }
  for (const person of people) {
    if (result.has(person)) continue;
    let smallest = roomIds[0] as string;
    for (const id of roomIds) if ((sizes.get(id) ?? 0) < (sizes.get(smallest) ?? 0)) smallest = id;
    result.set(person, smallest);
    sizes.set(smallest, (sizes.get(smallest) ?? 0) + 1);
  }
  return result;
}
