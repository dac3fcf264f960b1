import { redirect } from "next/navigation";

// The landing page after sign-in; the Overview moved to /overview to make room for each role's "My work" inbox here.
export default function LandingPage() {
  redirect("/overview");
}
