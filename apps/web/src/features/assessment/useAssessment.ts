import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { isAbort } from '../../lib/problem';
import type { Assessment } from './types';

export interface AssessmentState {
  assessment: Assessment | undefined;
  error: unknown;
  /** Fetch again (after a submit, a review decision, an import…); the current data stays shown meanwhile. */
  reload(): void;
  /** Apply a change the server already confirmed (e.g. the score returned by an autosave). */
  update(change: (current: Assessment) => Assessment): void;
}

export function useAssessment(assessmentId: string): AssessmentState {
  const [loaded, setLoaded] = useState<{ id: string; assessment?: Assessment; error?: unknown } | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api.client
      .GET('/api/assessments/{assessmentId}', {
        params: { path: { assessmentId } },
        signal: controller.signal,
      })
      .then(
        ({ data, error }) =>
          setLoaded((previous) =>
            data
              ? { id: assessmentId, assessment: data }
              : {
                  id: assessmentId,
                  assessment: previous?.id === assessmentId ? previous.assessment : undefined,
                  error,
                },
          ),
        (error: unknown) => {
          if (!isAbort(error) && !controller.signal.aborted) setLoaded({ id: assessmentId, error });
        },
      );
    return () => controller.abort();
  }, [assessmentId, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const update = useCallback(
    (change: (current: Assessment) => Assessment) =>
      setLoaded((previous) =>
        previous?.assessment ? { ...previous, assessment: change(previous.assessment) } : previous,
      ),
    [],
  );

  const current = loaded?.id === assessmentId ? loaded : null;
  return {
    assessment: current?.assessment,
    error: current && current.error !== undefined ? current.error : null,
    reload,
    update,
  };
}
