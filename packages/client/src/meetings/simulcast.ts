/**
 * The camera's three simulcast layers, lowest first (the SFU takes the offer's RID order as spatial
 * order). RIDs are unique per connection in the SFU: no other m-section may use q/h/f.
 */
export const cameraEncodings: RTCRtpEncodingParameters[] = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

/** One encoding without a RID: text stays sharp at full resolution, and RIDs cannot clash. */
export const screenEncodings: RTCRtpEncodingParameters[] = [{ maxBitrate: 2_500_000 }];

export interface CameraLayer {
  scaleResolutionDownBy: number;
  active: boolean;
}

/**
 * The camera layers for a capture size. Chromium sends as many simulcast layers as the resolution
 * allows (three from 960x540, two from 480x270, else one) and drops the highest encodings: at 4/2/1,
 * a 640x480 camera would reach nobody above 320x240. These scales keep full resolution in the top
 * layer actually sent, and say which layers are off.
 */
export function cameraLayers(width: number, height: number): CameraLayer[] {
  const pixels = width * height;
  if (pixels >= 960 * 540) return [layer(4), layer(2), layer(1)];
  if (pixels >= 480 * 270) return [layer(2), layer(1), layer(1, false)];
  return [layer(1), layer(1, false), layer(1, false)];
}

function layer(scaleResolutionDownBy: number, active = true): CameraLayer {
  return { scaleResolutionDownBy, active };
}
