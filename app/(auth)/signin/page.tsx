import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/signin-form";
import { currentUser } from "@/lib/auth/session";
import { oidcEnabled } from "@/lib/env";

export const metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentUser()) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-gray-200 bg-white p-8 shadow-sm dark:border-gray-800 dark:bg-gray-900">
        <h1 className="text-xl font-semibold">Storefront Intelligence</h1>
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">Sign in to review what the models propose.</p>
        <SignInForm oidc={oidcEnabled} />
      </div>
    </main>
  );
}
