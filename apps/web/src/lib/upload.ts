import type { UseMutationResult } from '@tanstack/react-query';
import type { FormEvent } from 'react';

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
 * A form with one file input named "file": on submit, uploads the chosen file with the `upload` mutation, keeps
 * its result or problem, and resets the form after a success.
 */
export function useUploadForm<T>(
  upload: UseMutationResult<T, unknown, File>,
  onUploaded?: (data: T) => void,
) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = new FormData(form).get('file');
    if (!(file instanceof File) || file.size === 0) return;
    upload.mutate(file, {
      onSuccess: (data) => {
        form.reset();
        onUploaded?.(data);
      },
    });
  }

  return {
    submitting: upload.isPending,
    error: upload.isError ? upload.error : null,
    result: upload.isSuccess ? upload.data : null,
    submit,
  };
}
