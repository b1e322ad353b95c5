import type { LocalMediaState } from '@parley/client';
import type { NetworkQuality, Participant } from '@parley/protocol';
import type { ReactNode } from 'react';
import { type GalleryGrid, tileGap } from './gallery-layout.ts';
import { ChevronIcon } from './meeting-icons.tsx';
import { ParticipantTile } from './ParticipantTile.tsx';
import { ScreenTile } from './ScreenTile.tsx';
import type { StageLayout, TileKey } from './stage-layout.ts';
import type { ShownReaction } from './use-reactions.ts';
import './MeetingStage.css';

export interface MeetingStageProps {
  layout: StageLayout;
  me: string;
  participants: ReadonlyMap<string, Participant>;
  local: LocalMediaState;
  /** My camera as a stream, for my own tile. */
  localStream: MediaStream | null;
  /** Others' video streams by remoteTrackKey(participantId, 'camera' | 'screen'). */
  videos: ReadonlyMap<string, MediaStream>;
  activeSpeaker: string | null;
  reactions: ReadonlyMap<string, ShownReaction>;
  quality: Readonly<Record<string, NetworkQuality>>;
  /** Everyone sharing a screen, to switch between several shares. */
  sharers: readonly string[];
  onShowShare(participantId: string): void;
  onPage(page: number): void;
  measure(tile: TileKey): (element: HTMLElement | null) => void;
  stageRef(element: HTMLElement | null): void;
}

/** The video area: a gallery page, or the speaker or a shared screen big with a filmstrip. */
export function MeetingStage(props: MeetingStageProps) {
  const { layout } = props;
  return (
    <section className="stage" aria-label="Participants' videos" ref={props.stageRef}>
      {layout.kind === 'gallery' ? (
        <>
          <div className="gallery">
            {/* As wide as the grid's columns, so rows break where the layout says. */}
            <div className="gallery-grid" style={{ maxWidth: gridWidth(layout.grid) }}>
              {layout.tiles.map((id) =>
                cameraTile(props, id, 'gallery', {
                  width: layout.grid.tile.width,
                  height: layout.grid.tile.height,
                }),
              )}
            </div>
          </div>
          {layout.pages > 1 && (
            <Pager page={layout.page} pages={layout.pages} onPage={props.onPage} className="gallery-pager" />
          )}
        </>
      ) : (
        <div className="stage-split">
          {layout.strip.length > 0 && (
            <div className="strip" style={{ height: layout.stripTile.height }}>
              <PageArrow direction="previous" {...props} page={layout.page} pages={layout.pages} />
              <div className="strip-tiles">
                {layout.strip.map((id) =>
                  cameraTile(props, id, 'strip', {
                    width: layout.stripTile.width,
                    height: layout.stripTile.height,
                  }),
                )}
              </div>
              <PageArrow direction="next" {...props} page={layout.page} pages={layout.pages} />
            </div>
          )}
          <div className="stage-main">
            {layout.kind === 'screen'
              ? screenTile(props, layout.main)
              : cameraTile(props, layout.main.participantId, 'main')}
            {layout.kind === 'screen' && <ShareSwitcher {...props} shown={layout.main.participantId} />}
          </div>
        </div>
      )}
    </section>
  );
}

function gridWidth(grid: GalleryGrid): number {
  return grid.columns * grid.tile.width + (grid.columns - 1) * tileGap;
}

function cameraTile(
  props: MeetingStageProps,
  id: string,
  variant: 'gallery' | 'main' | 'strip',
  size?: { width: number; height: number },
): ReactNode {
  const participant = props.participants.get(id);
  if (!participant) return null;
  const isMe = id === props.me;
  return (
    <ParticipantTile
      key={id}
      participant={participant}
      isMe={isMe}
      stream={isMe ? props.localStream : (props.videos.get(`${id}:camera`) ?? null)}
      videoOn={isMe ? props.local.cameraOn : participant.videoOn}
      micOn={isMe ? props.local.micOn : participant.audioOn}
      speaking={props.activeSpeaker === id}
      reaction={props.reactions.get(id) ?? null}
      quality={props.quality[id] ?? null}
      variant={variant}
      style={size}
      measureRef={isMe ? undefined : props.measure({ participantId: id, source: 'camera' })}
    />
  );
}

function screenTile(props: MeetingStageProps, tile: TileKey): ReactNode {
  const participant = props.participants.get(tile.participantId);
  if (!participant) return null;
  const isMe = tile.participantId === props.me;
  return (
    <ScreenTile
      key={`${tile.participantId}:screen`}
      participant={participant}
      isMe={isMe}
      stream={props.videos.get(`${tile.participantId}:screen`) ?? null}
      measureRef={isMe ? undefined : props.measure(tile)}
    />
  );
}

/** With several shares at once (when the host allows it): buttons for the others. */
function ShareSwitcher(props: MeetingStageProps & { shown: string }) {
  const others = props.sharers.filter((id) => id !== props.shown);
  if (others.length === 0) return null;
  return (
    <div className="share-switcher">
      {others.map((id) => {
        const name = id === props.me ? 'your' : `${props.participants.get(id)?.displayName ?? 'their'}'s`;
        return (
          <button key={id} type="button" className="stage-chip" onClick={() => props.onShowShare(id)}>
            Show {name} screen
          </button>
        );
      })}
    </div>
  );
}

function Pager({
  page,
  pages,
  onPage,
  className,
}: {
  page: number;
  pages: number;
  onPage(page: number): void;
  className: string;
}) {
  return (
    <nav className={className} aria-label="Gallery pages">
      <PageArrow direction="previous" page={page} pages={pages} onPage={onPage} />
      <span className="pager-text" aria-live="polite">
        Page {page + 1} of {pages}
      </span>
      <PageArrow direction="next" page={page} pages={pages} onPage={onPage} />
    </nav>
  );
}

function PageArrow({
  direction,
  page,
  pages,
  onPage,
}: {
  direction: 'previous' | 'next';
  page: number;
  pages: number;
  onPage(page: number): void;
}) {
  if (pages <= 1) return null;
  const previous = direction === 'previous';
  const target = previous ? page - 1 : page + 1;
  return (
    <button
      type="button"
      className="page-arrow"
      aria-label={previous ? 'Previous page' : 'Next page'}
      disabled={target < 0 || target >= pages}
      onClick={() => onPage(target)}
    >
      <ChevronIcon direction={previous ? 'left' : 'right'} />
    </button>
  );
}
