interface Props {
  message: string;
  onRetry?: () => void;
  retryLabel?: string;
}

/** An error as a sentence, announced to screen readers, with a way to try again where that can help. */
export function ErrorNotice({ message, onRetry, retryLabel = 'Try again' }: Props) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
