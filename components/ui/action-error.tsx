/** A refused action in words; a stale page (conflict) also gets a link that reloads it with the latest data. */
export function ActionError({ error, code, reloadHref }: { error: string; code: string; reloadHref: string }) {
  return (
    <p role="alert" className="text-sm text-red-700 dark:text-red-400">
      {error}
      {code === "conflict" && (
        <>
          {" "}
          <a href={reloadHref} className="font-medium underline">
            Reload
          </a>
        </>
      )}
    </p>
  );
}
