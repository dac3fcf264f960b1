"use client";

import { signIn } from "next-auth/react";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { SignInState } from "@/lib/auth/sign-in";

/**
 * The form's action is a server action: React renders it as a POST of the form body, and it works the same before
 * the page's JavaScript has loaded, so the password never goes into a URL, the browser history or a server log.
 */
export function SignInForm({
  oidc,
  notice,
  signInAction,
}: {
  oidc: boolean;
  notice: string | null;
  /** The sign-in server action (app/(auth)/actions.ts), passed by the page. */
  signInAction: (previous: SignInState, form: FormData) => Promise<SignInState>;
}) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, { error: null });
  const error = state.error ?? notice;
  const t = useTranslations("auth");

  return (
    <form action={formAction} className="mt-6 space-y-4">
      <label className="block text-sm">
        <span className="font-medium">{t("email")}</span>
        {/* React resets the form after each attempt; the email tried comes back as its default, so only the password is cleared. */}
        <input name="email" type="email" required maxLength={200} autoComplete="username" defaultValue={state.email} className="input mt-1 w-full" />
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("password")}</span>
        <input name="password" type="password" required maxLength={200} autoComplete="current-password" className="input mt-1 w-full" />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("submitting") : t("submit")}
      </Button>
      {oidc && (
        <Button type="button" variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl: "/" })}>
          {t("singleSignOn")}
        </Button>
      )}
    </form>
  );
}
