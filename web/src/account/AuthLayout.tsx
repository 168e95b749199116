import type { ReactNode } from 'react';
import { Link } from 'react-router';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth" id="main">
      <Link to="/" className="brand auth-brand" aria-label="Marquee home">
        Marquee
      </Link>
      <section className="auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {children}
      </section>
    </main>
  );
}
