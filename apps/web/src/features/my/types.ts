// Named shapes of the "my assessments" endpoint, derived from the generated OpenAPI schema.
import type { components } from '../../api/schema';

export type MyAssessment = components['schemas']['MyAssessmentDto'];
