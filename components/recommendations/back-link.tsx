import Link from "next/link";
import { linkClass } from "./format";

/** The way back to the Recommendations overview, above every page of the area. */
export function BackLink() {
  return (
    <p className="mb-2 text-sm">
      <Link href="/recommendations" className={linkClass}>
        ← Recommendations
      </Link>
    </p>
  );
}
