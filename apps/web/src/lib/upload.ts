import { type FormEvent, useState } from 'react';

/**
 * openapi-fetch options that send `file` as the multipart part "file". The generated schema types a binary part
 * as a string; the real part is the File.
 */
export function multipartFile(file: File) {
  return {
    body: { file: file.name },
    bodySerializer: () => {
      const multipart = new FormData();
      multipart.append('file', file, file.name);
      return multipart;
    },
  };
}

/**
 * A form with one file input named "file": on submit, uploads the chosen file with `upload`, keeps the result or
 * the problem, and resets the form after a success.
 */
export function useUploadForm<T>(
  upload: (file: File) => Promise<{ data?: T; error?: unknown }>,
  onUploaded?: (data: T) => void,
) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<T | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = new FormData(form).get('file');
    if (!(file instanceof File) || file.size === 0) return;
    setSubmitting(true);
    setError(null);
    setResult(null);
    try {
      const { data, error: problem } = await upload(file);
      if (data !== undefined) {
        setResult(data);
        form.reset();
        onUploaded?.(data);
      } else {
        setError(problem);
      }
    } catch (failure) {
      setError(failure);
    }
    setSubmitting(false);
  }

  return { submitting, error, result, submit };
}
