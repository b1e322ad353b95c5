import { useEffect } from 'react';

/** Names the browser tab after the screen, so tabs and history entries are recognizable. */
export function useDocumentTitle(screen: string): void {
  useEffect(() => {
    document.title = `${screen} · Parley`;
  }, [screen]);
}
