import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { problem } from './problem';

function flatten(errors: ValidationError[], parent = ''): { field: string; constraint: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([, text]) => ({ field, constraint: text }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Strict input validation: unknown fields are refused, every problem names its field. The messages come
 * from class-validator (English); the Japanese text says which field is wrong.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      problem.validation(
        flatten(errors).map(({ field, constraint }) => ({
          field,
          message: {
            ja: constraint.includes('should not exist')
              ? `「${field}」は使えない項目です。`
              : `「${field}」の値が正しくありません。`,
            en: constraint,
          },
        })),
      ),
  });
}
