import { signOutAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";

/** A form, not a click handler: signing out ends the server-side session, with or without JavaScript. */
export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <Button type="submit" variant="secondary">
        Sign out
      </Button>
    </form>
  );
}
