import { useTranslation } from 'react-i18next';
import type { ReviewComment } from './types';

/** The buyer's comments on a returned criterion, highlighted so the supplier sees what to change. */
export function ReviewComments({ comments }: { comments: readonly ReviewComment[] }) {
  const { t } = useTranslation('assessment');
  if (comments.length === 0) return null;
  return (
    <div className="review-comments" role="note" aria-label={t('review.commentsLabel')}>
      {comments.map((comment) => (
        <div key={comment.id} className="review-comment" data-testid="review-comment">
          <p className="review-comment-who">
            {comment.authorName
              ? t('review.commentFrom', { name: comment.authorName, round: comment.round })
              : t('review.commentFromBuyer', { round: comment.round })}
          </p>
          <p className="review-comment-body">{comment.body}</p>
        </div>
      ))}
    </div>
  );
}
