import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Storefront Intelligence", template: "%s · Storefront Intelligence" },
  description: "Review, adjust and approve what the store's models propose.",
};

// Runs before paint so a dark-mode user never sees a white flash.
const themeScript = `try{const t=localStorage.getItem("theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-gray-50 text-gray-900 antialiased dark:bg-gray-950 dark:text-gray-100">{children}</body>
    </html>
  );
}
