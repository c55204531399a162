import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../lib/query';

/** Query keys of the signed-in user's own lists (what to answer, what to fix). */
export const myKeys = {
  all: ['my'] as const,
  assessments: () => [...myKeys.all, 'assessments'] as const,
};

export function useMyAssessments() {
  return useQuery({
    queryKey: myKeys.assessments(),
    queryFn: ({ signal }) => unwrap(api.client.GET('/api/my/assessments', { signal })),
  });
}
