/**
 * Runs before paint so a dark-mode user never sees a white flash. It is the page's one inline script of our own, and
 * the Content-Security-Policy (proxy.ts) allows it by its sha256 hash: a change here changes the hash with it.
 */
export const themeScript = `try{const t=localStorage.getItem("theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;
