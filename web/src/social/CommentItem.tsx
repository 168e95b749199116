import { useState } from 'react';
import { formatDate } from '../ui/format';
import type { CommentView } from '../api/types';
import { CommentEdit } from './CommentEdit';
import { PersonLink } from './PersonLink';
import { Reactions } from './Reactions';
import { Replies } from './Replies';
import { SpoilerText } from './SpoilerText';
import { StatusLabel } from './StatusLabel';
import { WordsMenu } from './WordsMenu';

interface Props {
  comment: CommentView;
  onChange: (comment: CommentView) => void;
  onRemove: (id: string) => void;
  onBlocked: (handle: string) => void;
}

/** One comment: who and when, the words (a spoiler folded), reactions, its menu, and for a top-level one its replies. */
export function CommentItem({ comment, onChange, onRemove, onBlocked }: Props) {
  const [editing, setEditing] = useState(false);
  const [replying, setReplying] = useState(false);
  const topLevel = comment.parentId === null;
  const name = comment.author.displayName || comment.author.handle;

  return (
    <li className={`comment${comment.status !== 'visible' ? ' comment-held' : ''}`} data-comment={comment.id}>
      <article aria-label={`Comment by ${name}`}>
        <header className="comment-head">
          <PersonLink person={comment.author} />
          <time dateTime={comment.createdAt} className="hint">
            {formatDate(comment.createdAt)}
          </time>
          {comment.editedAt && <span className="hint">(edited)</span>}
          <StatusLabel status={comment.status} />
          <WordsMenu
            commentId={comment.id}
            author={comment.author}
            mine={comment.mine}
            noun={topLevel ? 'comment' : 'reply'}
            onEdit={() => setEditing(true)}
            onDeleted={() => onRemove(comment.id)}
            onBlocked={onBlocked}
          />
        </header>
        {editing ? (
          <CommentEdit
            comment={comment}
            onSaved={(saved) => {
              setEditing(false);
              onChange(saved);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <SpoilerText text={comment.body} spoiler={comment.spoiler} />
        )}
        {comment.status === 'visible' && (
          <footer className="comment-foot">
            <Reactions commentId={comment.id} reactions={comment.reactions} myReaction={comment.myReaction} owner={name} />
            {topLevel && (
              <button type="button" className="button-link" aria-expanded={replying} onClick={() => setReplying(!replying)}>
                Reply
              </button>
            )}
          </footer>
        )}
      </article>
      {topLevel && <Replies parent={comment} replying={replying} onReplyDone={() => setReplying(false)} onBlocked={onBlocked} />}
    </li>
  );
}
