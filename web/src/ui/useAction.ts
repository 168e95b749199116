import { useCallback, useState } from 'react';
import { messageOf } from '../api/client';

export interface Action {
  error: string | null;
  busy: boolean;
  /** Runs one user action; a failure becomes `error` as a sentence. Resolves to whether it succeeded. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
}

/** The state every button that calls the API needs: busy while it runs, and the error it ended with. */
export function useAction(): Action {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setError(null);
    setBusy(true);
    try {
      await action();
      return true;
    } catch (reason) {
      setError(messageOf(reason));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, run };
}
