import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A form, not a click handler: signing out ends the server-side session, with or without JavaScript. */
export function SignOutButton({ signOutAction }: { signOutAction: () => Promise<void> }) {
  const t = useTranslations("common");
  return (
    <form action={signOutAction}>
      <Button type="submit" variant="secondary">
        {t("signOut")}
      </Button>
    </form>
  );
}
