import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/auth/language-switch";
import { z } from "zod";
import { SignInForm } from "@/components/auth/signin-form";
import { signInAction } from "../actions";
import { currentUser } from "@/lib/auth/session";
import { oidcEnabled } from "@/lib/env";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("title") };
}

// next-auth sends a failed single sign-on back here with ?error=<code>; the code itself is not shown.
const searchSchema = z.object({ error: z.string().max(100).optional().catch(undefined) });

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await currentUser()) redirect("/");
  const { error } = searchSchema.parse(await searchParams);
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-gray-200 bg-white p-8 shadow-sm dark:border-gray-800 dark:bg-gray-900">
        <LanguageSwitch />
        <h1 className="mt-2 text-xl font-semibold">{t("common.appName")}</h1>
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">{t("auth.intro")}</p>
        <SignInForm oidc={oidcEnabled} notice={error ? t("auth.ssoFailed") : null} signInAction={signInAction} />
      </div>
    </main>
  );
}
