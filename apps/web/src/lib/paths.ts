/** One assessment's page (the supplier answers it there; buyers and evaluators review it). */
export function assessmentPath(assessmentId: string): string {
  return `/assessments/${encodeURIComponent(assessmentId)}`;
}
