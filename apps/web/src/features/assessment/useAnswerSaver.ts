import { useCallback, useRef, useState } from 'react';
import { useDebouncedCallback } from '../../lib/useDebouncedCallback';
import { useSaveAnswer } from './api';
import { conflictingAnswer, type Draft, draftBlocker, draftOf, sameDraft, TEXT_SAVE_DELAY_MS } from './model';
import type { Answer, AnswerValue, SavedAnswer, Suggestion } from './types';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error' | 'needsReason' | 'conflict';

export interface Conflict {
  mine: Draft;
  theirs: Answer;
}

interface Options {
  assessmentId: string;
  criterionId: string;
  initial: Answer | undefined;
  onSaved(saved: SavedAnswer): void;
  onFailed?(failure: unknown): void;
}

/**
 * Autosave of one criterion's answer: a choice is saved at once, text after a pause. Saves of one criterion
 * never overlap (a change made while saving is sent right after, on the new version), and every save carries
 * the version it was based on, so a change made elsewhere in the meantime comes back as a conflict to resolve.
 */
export function useAnswerSaver({ assessmentId, criterionId, initial, onSaved, onFailed }: Options) {
  const [draft, setDraftState] = useState<Draft>(() => draftOf(initial));
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const draftRef = useRef(draft);
  const version = useRef(initial?.version ?? 0);
  const saved = useRef<Draft>(draftOf(initial));
  const inFlight = useRef(false);
  const queued = useRef<{ draft: Draft; fromPrefill: boolean } | null>(null);
  const { mutateAsync: saveAnswer } = useSaveAnswer(assessmentId, criterionId);

  const setDraft = useCallback((next: Draft) => {
    draftRef.current = next;
    setDraftState(next);
  }, []);

  const save = useCallback(
    async (first: Draft, firstFromPrefill = false): Promise<void> => {
      let next = first;
      let fromPrefill = firstFromPrefill;
      // One request at a time; a change queued meanwhile is sent next, on the version just saved.
      for (;;) {
        const blocker = draftBlocker(next);
        if (blocker === 'naReason') {
          setState('needsReason');
          return;
        }
        if (blocker !== null || next.value === null) return;
        if (!fromPrefill && sameDraft(next, saved.current)) {
          setState((s) => (s === 'needsReason' ? 'saved' : s));
          return;
        }
        if (inFlight.current) {
          queued.current = { draft: next, fromPrefill };
          return;
        }
        inFlight.current = true;
        setState('saving');
        setError(null);
        let failure: unknown = null;
        let result: SavedAnswer | undefined;
        try {
          result = await saveAnswer({
            value: next.value,
            note: next.note.trim(),
            ...(next.value === 'not_applicable' ? { naReason: next.naReason.trim() } : {}),
            baseVersion: version.current,
            ...(fromPrefill ? { fromPrefill: true } : {}),
          });
        } catch (thrown) {
          failure = thrown;
        }
        inFlight.current = false;
        const pending = queued.current;
        queued.current = null;

        if (result) {
          version.current = result.answer.version;
          saved.current = draftOf(result.answer);
          onSaved(result);
          if (pending && (pending.fromPrefill || !sameDraft(pending.draft, saved.current))) {
            next = pending.draft;
            fromPrefill = pending.fromPrefill;
            continue;
          }
          setState('saved');
          return;
        }

        const theirs = conflictingAnswer(failure);
        if (theirs) {
          setConflict({ mine: pending?.draft ?? next, theirs });
          setState('conflict');
          return;
        }
        setError(failure);
        setState('error');
        onFailed?.(failure);
        return;
      }
    },
    [saveAnswer, onSaved, onFailed],
  );

  const saveTextLater = useDebouncedCallback(() => void save(draftRef.current), TEXT_SAVE_DELAY_MS);

  return {
    draft,
    state,
    error,
    conflict,
    choose(value: AnswerValue) {
      const next = { ...draftRef.current, value };
      setDraft(next);
      void save(next);
    },
    setNote(note: string) {
      setDraft({ ...draftRef.current, note });
      saveTextLater();
    },
    setNaReason(naReason: string) {
      setDraft({ ...draftRef.current, naReason });
      saveTextLater();
    },
    /** Save pending text now (when the field loses focus). */
    flush() {
      void save(draftRef.current);
    },
    retry() {
      void save(draftRef.current);
    },
    confirmSuggestion(suggestion: Suggestion) {
      const next: Draft = { value: suggestion.value, note: suggestion.note, naReason: suggestion.naReason };
      setDraft(next);
      void save(next, true);
    },
    keepMine() {
      if (!conflict) return;
      version.current = conflict.theirs.version;
      saved.current = draftOf(conflict.theirs);
      setConflict(null);
      setDraft(conflict.mine);
      void save(conflict.mine);
    },
    takeTheirs() {
      if (!conflict) return;
      version.current = conflict.theirs.version;
      saved.current = draftOf(conflict.theirs);
      setConflict(null);
      setDraft(draftOf(conflict.theirs));
      setState('saved');
    },
  };
}

export type AnswerSaver = ReturnType<typeof useAnswerSaver>;
