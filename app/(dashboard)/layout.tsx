import { redirect } from "next/navigation";
import { NavLinks } from "@/components/layout/nav-links";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { currentUser } from "@/lib/auth/session";
import { roleLabels, visibleAreas } from "@/lib/auth/permissions";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  const links = visibleAreas(user.role).map(({ key, label, href }) => ({ key, label, href }));

  return (
    <div className="md:flex">
      <aside className="border-b border-gray-200 bg-white md:sticky md:top-0 md:h-screen md:w-56 md:shrink-0 md:border-r md:border-b-0 dark:border-gray-800 dark:bg-gray-900">
        <div className="flex items-center justify-between px-4 py-3 md:block md:py-5">
          <p className="font-semibold">Storefront Intelligence</p>
          <div className="flex items-center gap-2 md:hidden">
            <SignOutButton />
            <ThemeToggle />
          </div>
        </div>
        <NavLinks links={links} />
        <div className="hidden border-t border-gray-200 px-4 py-4 text-sm md:absolute md:bottom-0 md:block md:w-56 dark:border-gray-800">
          <p className="font-medium" data-testid="user-name">
            {user.name}
          </p>
          <p className="text-gray-500 dark:text-gray-400" data-testid="user-role">
            {roleLabels[user.role]}
          </p>
          <div className="mt-3 flex items-center gap-2">
            <SignOutButton />
            <ThemeToggle />
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-4 md:p-8">{children}</main>
    </div>
  );
}
