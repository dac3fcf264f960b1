import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">Not available to your role</h1>
      <p className="mt-3 text-gray-600 dark:text-gray-400">
        This area belongs to another team. If you need it, ask an admin to change your role.
      </p>
      <Link href="/" className="mt-6 inline-block text-blue-600 underline dark:text-blue-400">
        Back to Overview
      </Link>
    </main>
  );
}
