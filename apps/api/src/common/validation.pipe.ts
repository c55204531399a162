import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, problem } from './problem';

function flatten(errors: ValidationError[], parent = ''): { field: string; constraint: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([, text]) => ({ field, constraint: text }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Deepest nesting of objects and arrays accepted in a request value (TierStar's own bodies nest 3 deep). */
export const MAX_INPUT_DEPTH = 32;

/** False for text PostgreSQL cannot store or validators cannot encode: NUL and unpaired UTF-16 surrogates. */
export function isStorableText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** Walks a request value without recursion: 'depth' past MAX_INPUT_DEPTH, 'text' for unstorable text, or ok. */
export function checkInputShape(value: unknown): 'ok' | 'depth' | 'text' {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return 'text';
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_INPUT_DEPTH) return 'depth';
      for (const [k, x] of Object.entries(v)) {
        if (!isStorableText(k)) return 'text';
        stack.push([x, depth + 1]);
      }
    }
  }
  return 'ok';
}

const tooDeep = () =>
  new ProblemException(400, 'INPUT_TOO_DEEP', {
    ja: `入力の入れ子が深すぎます (${MAX_INPUT_DEPTH} 段まで)。`,
    en: `The request nests too deeply (at most ${MAX_INPUT_DEPTH} levels).`,
  });
const badText = () =>
  new ProblemException(400, 'INVALID_TEXT', {
    ja: '使えない文字 (NUL または壊れた文字) が含まれています。',
    en: 'The request contains characters that cannot be stored (NUL or broken UTF-16).',
  });

/**
 * Strict input validation: unknown fields are refused, every problem names its field. The messages come
 * from class-validator (English); the Japanese text says which field is wrong. Before any of it, bodies, query
 * strings and path values are walked once (iteratively): deeper than 32 levels, or text with NUL or unpaired
 * surrogates, is a 400 — class-transformer would otherwise recurse into the stack limit, validators would throw
 * on the text and PostgreSQL would refuse it, all of them as a 500.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const shape = checkInputShape(value);
      if (shape === 'depth') throw tooDeep();
      if (shape === 'text') throw badText();
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
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
