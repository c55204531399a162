import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { unwrap } from '../../lib/query';
import { multipartFile } from '../../lib/upload';
import type { ConsentLevel } from '../insights/types';
import { myKeys } from '../my/api';
import type { Assessment, ConfirmationResult, Evidence } from './types';

type Schemas = components['schemas'];
export type SaveAnswerBody = Schemas['SaveAnswerDto'];
export type ForwardBody = Schemas['ForwardDto'];
export type ReturnBody = Schemas['ReturnDto'];
export type Declaration = Schemas['SubmitDto']['declaration'];

/** Query keys of the assessment feature; everything about one assessment sits under its `detail` key. */
export const assessmentKeys = {
  all: ['assessments'] as const,
  detail: (assessmentId: string) => [...assessmentKeys.all, assessmentId] as const,
  reminders: (assessmentId: string) => [...assessmentKeys.detail(assessmentId), 'reminders'] as const,
  benchmark: (assessmentId: string) => [...assessmentKeys.detail(assessmentId), 'benchmark'] as const,
  forwards: (assessmentId: string) => [...assessmentKeys.detail(assessmentId), 'forwards'] as const,
  members: (orgId: string) => ['orgs', orgId, 'members'] as const,
};

export function useAssessment(assessmentId: string) {
  return useQuery({
    queryKey: assessmentKeys.detail(assessmentId),
    queryFn: ({ signal }) =>
      unwrap(
        api.client.GET('/api/assessments/{assessmentId}', { params: { path: { assessmentId } }, signal }),
      ),
  });
}

/** Apply a change the server already confirmed (the score an autosave returned, an added file…). */
export function useUpdateAssessment(assessmentId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    (change: (current: Assessment) => Assessment) => {
      queryClient.setQueryData<Assessment>(assessmentKeys.detail(assessmentId), (current) =>
        current ? change(current) : current,
      );
    },
    [queryClient, assessmentId],
  );
}

/** After a submit, a decision, an import…: fetch the assessment again (the current one stays shown). */
function useRefetchAssessment(assessmentId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: assessmentKeys.detail(assessmentId) });
}

/**
 * One answer, saved on the version it was based on. The autosave (useAnswerSaver) queues and coalesces these;
 * a 409 ANSWER_CONFLICT carries the other person's answer.
 */
export function useSaveAnswer(assessmentId: string, criterionId: string) {
  return useMutation({
    mutationKey: [...assessmentKeys.detail(assessmentId), 'answer', criterionId],
    mutationFn: (body: SaveAnswerBody) =>
      unwrap(
        api.client.PUT('/api/assessments/{assessmentId}/answers/{criterionId}', {
          params: { path: { assessmentId, criterionId } },
          body,
        }),
      ),
  });
}

export function useAddEvidence(assessmentId: string, criterionId: string) {
  const update = useUpdateAssessment(assessmentId);
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.client.POST('/api/assessments/{assessmentId}/answers/{criterionId}/evidence', {
          params: { path: { assessmentId, criterionId } },
          ...multipartFile(file),
        }),
      ),
    onSuccess: (added: Evidence) => update((a) => ({ ...a, evidence: [...a.evidence, added] })),
  });
}

export function useRemoveEvidence(assessmentId: string) {
  const update = useUpdateAssessment(assessmentId);
  return useMutation({
    mutationFn: (evidenceId: string) =>
      unwrap(
        api.client.DELETE('/api/assessments/{assessmentId}/evidence/{evidenceId}', {
          params: { path: { assessmentId, evidenceId } },
        }),
      ),
    onSuccess: (_done, evidenceId) =>
      update((a) => ({ ...a, evidence: a.evidence.filter((e) => e.id !== evidenceId) })),
  });
}

/** Answers from a filled-in Excel workbook; the assessment is fetched again afterwards. */
export function useImportAnswers(assessmentId: string) {
  const refetch = useRefetchAssessment(assessmentId);
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.client.POST('/api/assessments/{assessmentId}/import', {
          params: { path: { assessmentId } },
          ...multipartFile(file),
        }),
      ),
    onSuccess: () => refetch(),
  });
}

export function useSubmitAssessment(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (declaration: Declaration) =>
      unwrap(
        api.client.POST('/api/assessments/{assessmentId}/submit', {
          params: { path: { assessmentId } },
          body: { declaration },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: assessmentKeys.detail(assessmentId) }),
        queryClient.invalidateQueries({ queryKey: myKeys.all }),
      ]),
  });
}

export type Decision = { kind: 'return'; body: ReturnBody } | { kind: 'accept'; message?: string };

/** The buyer returns a submitted assessment with comments, or accepts it. */
export function useDecideAssessment(assessmentId: string) {
  const refetch = useRefetchAssessment(assessmentId);
  return useMutation({
    mutationFn: (decision: Decision) => {
      const path = { params: { path: { assessmentId } } };
      return decision.kind === 'return'
        ? unwrap(api.client.POST('/api/assessments/{assessmentId}/return', { ...path, body: decision.body }))
        : unwrap(
            api.client.POST('/api/assessments/{assessmentId}/accept', {
              ...path,
              body: decision.message ? { message: decision.message } : {},
            }),
          );
    },
    onSuccess: () => refetch(),
  });
}

/** The buyer's members, when the viewer may list them (admins and procurement); null for anyone else. */
export function useMembers(orgId: string) {
  return useQuery({
    queryKey: assessmentKeys.members(orgId),
    queryFn: async ({ signal }) => {
      try {
        return await unwrap(
          api.client.GET('/api/orgs/{orgId}/members', { params: { path: { orgId } }, signal }),
        );
      } catch {
        return null;
      }
    },
  });
}

export function useAssignEvaluator(assessmentId: string) {
  const refetch = useRefetchAssessment(assessmentId);
  return useMutation({
    mutationFn: (userId: string | null) =>
      unwrap(
        api.client.PUT('/api/assessments/{assessmentId}/evaluator', {
          params: { path: { assessmentId } },
          body: { userId },
        }),
      ),
    onSuccess: () => refetch(),
  });
}

export function useConfirmAnswer(assessmentId: string, criterionId: string) {
  const refetch = useRefetchAssessment(assessmentId);
  return useMutation({
    mutationFn: ({ result, note }: { result: ConfirmationResult; note: string }) =>
      unwrap(
        api.client.PUT('/api/assessments/{assessmentId}/confirmations/{criterionId}', {
          params: { path: { assessmentId, criterionId } },
          body: { result, ...(note ? { note } : {}) },
        }),
      ),
    onSuccess: () => refetch(),
  });
}

export function useSetConsent(assessmentId: string) {
  const update = useUpdateAssessment(assessmentId);
  return useMutation({
    mutationFn: (level: ConsentLevel) =>
      unwrap(
        api.client.PUT('/api/assessments/{assessmentId}/consent', {
          params: { path: { assessmentId } },
          body: { level },
        }),
      ),
    onSuccess: (_done, level) => update((a) => ({ ...a, upstreamConsent: level })),
  });
}

export function useForwards(assessmentId: string) {
  return useQuery({
    queryKey: assessmentKeys.forwards(assessmentId),
    queryFn: ({ signal }) =>
      unwrap(
        api.client.GET('/api/assessments/{assessmentId}/forwards', {
          params: { path: { assessmentId } },
          signal,
        }),
      ),
  });
}

/** A Tier 1 passes the request on to its own suppliers; the list of requests passed on is fetched again. */
export function useForward(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ForwardBody) =>
      unwrap(
        api.client.POST('/api/assessments/{assessmentId}/forward', {
          params: { path: { assessmentId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.forwards(assessmentId) }),
  });
}

export function useInviteColleague(orgId: string) {
  return useMutation({
    mutationFn: (email: string) =>
      unwrap(
        api.client.POST('/api/orgs/{orgId}/invitations', {
          params: { path: { orgId } },
          body: { email, role: 'respondent' },
        }),
      ),
  });
}

/** The reminders this assessment will send; none shown when they cannot be read. */
export function useUpcomingReminders(assessmentId: string) {
  return useQuery({
    queryKey: assessmentKeys.reminders(assessmentId),
    queryFn: async ({ signal }) => {
      const { data } = await api.client.GET('/api/assessments/{assessmentId}/reminders', {
        params: { path: { assessmentId } },
        signal,
      });
      return data?.items ?? [];
    },
  });
}

export function useBenchmark(assessmentId: string) {
  return useQuery({
    queryKey: assessmentKeys.benchmark(assessmentId),
    queryFn: ({ signal }) =>
      unwrap(
        api.client.GET('/api/assessments/{assessmentId}/benchmark', {
          params: { path: { assessmentId } },
          signal,
        }),
      ),
  });
}
