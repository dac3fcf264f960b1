"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "./button";

type Result = { ok: true } | { ok: false; error: string };

/** A button that runs one server action, shows its refusal in words, and refreshes the page on success. */
export function ActionButton({
  run,
  children,
  confirm,
  variant = "secondary",
  testId,
}: {
  run: () => Promise<Result>;
  children: React.ReactNode;
  confirm?: string;
  variant?: "primary" | "secondary" | "ghost";
  testId?: string;
}) {
  const t = useTranslations("ui");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        variant={variant}
        disabled={pending}
        data-testid={testId}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          setError(null);
          start(async () => {
            const result = await run();
            if (result.ok) router.refresh();
            else setError(result.error);
          });
        }}
      >
        {pending ? t("working") : children}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}
