/**
 * @jest-environment ./apps/web/src/testing/jsdom-environment.cjs
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../testing/render';
import { scriptedApi } from '../../testing/server';
import { AnswerEditor } from './AnswerEditor';
import ja from './i18n/ja.json';
import type { Answer, Criterion, SavedAnswer } from './types';

const criterion: Criterion = {
  id: 'A.1',
  groupId: 'A',
  level: 3,
  title: { ja: '資産を台帳で管理している', en: 'Assets are listed' },
  explanation: { ja: '説明', en: 'Explanation' },
};
const levels = [{ rank: 3, label: { ja: '★3', en: '★3' }, provisional: false }];
const PATH = '/api/assessments/as-1/answers/A.1';

function answer(version: number, value: Answer['value'], note = ''): Answer {
  return {
    criterionId: 'A.1',
    value,
    note,
    naReason: '',
    version,
    provenance: 'form',
    source: null,
    updatedAt: '2026-11-24T00:00:00.000Z',
  };
}

function saved(version: number, value: Answer['value'], note = ''): SavedAnswer {
  return {
    answer: answer(version, value, note),
    score: {} as SavedAnswer['score'],
    status: 'in_progress',
  };
}

function renderEditor() {
  const savedAnswers: SavedAnswer[] = [];
  const failures: unknown[] = [];
  renderApp(
    <AnswerEditor
      assessmentId="as-1"
      criterion={criterion}
      levels={levels}
      answer={undefined}
      suggestion={undefined}
      evidence={[]}
      comments={[]}
      onSaved={(s) => savedAnswers.push(s)}
      onFailed={(f) => failures.push(f)}
      onStale={() => undefined}
    />,
  );
  const saveState = () => screen.getByTestId('save-state-A.1').textContent ?? '';
  return { savedAnswers, failures, saveState };
}

afterEach(cleanup);

describe('answer autosave', () => {
  it('saves a choice at once, and coalesces everything typed meanwhile into one save on the new version', async () => {
    const api = scriptedApi();
    const { savedAnswers, saveState } = renderEditor();

    fireEvent.click(screen.getByTestId('answer-A.1-met'));
    const first = await api.next();
    expect(first).toMatchObject({
      method: 'PUT',
      path: PATH,
      body: { value: 'met', note: '', baseVersion: 0 },
    });
    expect(saveState()).toContain(ja.save.saving);

    // While the first save is in flight: a note (saved when the field is left), then another choice.
    const note = screen.getByTestId('note-A.1');
    fireEvent.change(note, { target: { value: '台帳は  ' } });
    fireEvent.blur(note);
    fireEvent.change(note, { target: { value: '台帳は総務が管理' } });
    fireEvent.blur(note);
    fireEvent.click(screen.getByTestId('answer-A.1-partial'));
    expect(api.inFlight()).toBe(0); // never two saves of one answer at once
    expect(api.sent).toHaveLength(1);

    first.respond(200, saved(1, 'met'));
    // Only the latest draft follows, on the version the first save returned.
    const second = await api.next();
    expect(second.body).toEqual({ value: 'partial', note: '台帳は総務が管理', baseVersion: 1 });
    second.respond(200, saved(2, 'partial', '台帳は総務が管理'));
    await waitFor(() => expect(saveState()).toContain(ja.save.saved));
    expect(api.sent).toHaveLength(2);
    expect(savedAnswers.map((s) => s.answer.version)).toEqual([1, 2]);
  });

  it('says when a save failed and saves the same draft again on "retry"', async () => {
    const api = scriptedApi();
    const { failures, saveState } = renderEditor();

    fireEvent.click(screen.getByTestId('answer-A.1-not_met'));
    (await api.next()).respond(503, { status: 503, code: 'SERVICE_UNAVAILABLE', detail: 'try later' });
    await waitFor(() => expect(saveState()).toContain(ja.save.error));
    expect(failures).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: ja.save.retry }));
    const again = await api.next();
    expect(again.body).toEqual({ value: 'not_met', note: '', baseVersion: 0 });
    again.respond(200, saved(1, 'not_met'));
    await waitFor(() => expect(saveState()).toContain(ja.save.saved));
  });

  it('shows both versions on a 409 conflict; "keep mine" saves mine on top of theirs', async () => {
    const api = scriptedApi();
    const { saveState } = renderEditor();

    fireEvent.click(screen.getByTestId('answer-A.1-met'));
    (await api.next()).respond(409, {
      status: 409,
      code: 'ANSWER_CONFLICT',
      current: answer(4, 'not_met', '同僚が先に入力'),
    });
    const dialog = await screen.findByTestId('conflict-dialog');
    expect(saveState()).toContain(ja.save.conflict);
    const mine = within(dialog).getByRole('region', { name: ja.conflict.mine });
    const theirs = within(dialog).getByRole('region', { name: ja.conflict.theirs });
    expect(mine.textContent).toContain(ja.answer.met);
    expect(theirs.textContent).toContain(ja.answer.not_met);
    expect(theirs.textContent).toContain('同僚が先に入力');
    expect(api.inFlight()).toBe(0); // nothing is overwritten until the person chooses

    fireEvent.click(within(dialog).getByTestId('keep-mine'));
    const overwrite = await api.next();
    expect(overwrite.body).toEqual({ value: 'met', note: '', baseVersion: 4 });
    overwrite.respond(200, saved(5, 'met'));
    await waitFor(() => expect(saveState()).toContain(ja.save.saved));
    expect(screen.queryByTestId('conflict-dialog')).toBeNull();
  });
});
