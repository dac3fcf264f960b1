"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export function ThemeToggle() {
  const t = useTranslations("common");
  function toggle() {
    const dark = document.documentElement.classList.toggle("dark");
    localStorage.setItem("theme", dark ? "dark" : "light");
  }
  return (
    <Button variant="ghost" onClick={toggle} aria-label={t("toggleDarkMode")} title={t("toggleDarkMode")}>
      ◐
    </Button>
  );
}
