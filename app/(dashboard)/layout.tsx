import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PreferencesMenu } from "@/components/layout/preferences-menu";
import { currentInbox } from "@/components/inbox/current-inbox";
import { kindLabels } from "@/components/inbox/labels";
import { MobileMenu } from "@/components/layout/mobile-menu";
import { NavLinks, type NavLink } from "@/components/layout/nav-links";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { currentUser } from "@/lib/auth/session";
import { visibleAreas, type Area } from "@/lib/auth/permissions";
import type { Inbox } from "@/lib/inbox";
import { signOutAction } from "../(auth)/actions";
import { savePreferences } from "./preferences-actions";

/** Items per area from the inbox already read for the badge (no further query); "My work" gets the total. */
function areaCounts(inbox: Inbox | null): Partial<Record<Area, number>> {
  if (!inbox) return {};
  const counts: Partial<Record<Area, number>> = { inbox: inbox.total };
  for (const group of inbox.groups) {
    const area = kindLabels[group.kind].area;
    counts[area] = (counts[area] ?? 0) + group.count;
  }
  return counts;
}

async function safeInbox(userId: number, role: Parameters<typeof currentInbox>[1]): Promise<Inbox | null> {
  try {
    return await currentInbox(userId, role);
  } catch (error) {
    // A failed count must not take every page down with it: the navigation shows no badges, the page says why.
    console.error(error);
    return null;
  }
}

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  const counts = areaCounts(await safeInbox(user.id, user.role));
  const t = await getTranslations();
  const links: NavLink[] = visibleAreas(user.role).map(({ key, href }) => ({ key, label: t(`nav.areas.${key}`), href, count: counts[key] }));

  return (
    <>
      <a
        href="#main"
        className="sr-only rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        {t("common.skipToContent")}
      </a>
      <div className="md:flex">
        <aside className="border-b border-gray-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-56 md:shrink-0 md:flex-col md:border-r md:border-b-0 dark:border-gray-800 dark:bg-gray-900">
          <MobileMenu title={<p className="font-semibold">{t("common.appName")}</p>}>
            <div className="md:min-h-0 md:flex-1 md:overflow-y-auto">
              <NavLinks links={links} />
            </div>
            <div className="border-t border-gray-200 px-4 py-4 text-sm dark:border-gray-800">
              <p className="font-medium break-words" data-testid="user-name">
                {user.name}
              </p>
              <p className="text-gray-600 dark:text-gray-400" data-testid="user-role">
                {t(`nav.roles.${user.role}`)}
              </p>
              <div className="mt-3 flex items-center gap-2">
                <SignOutButton signOutAction={signOutAction} />
                <ThemeToggle />
              </div>
              <PreferencesMenu savedTimeZone={user.timeZone} savePreferences={savePreferences} />
            </div>
          </MobileMenu>
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none md:p-8">
          {children}
        </main>
      </div>
    </>
  );
}
