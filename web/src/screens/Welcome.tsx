// The short introduction above the log-in and sign-up forms.
export function Welcome() {
  return (
    <section class="welcome" aria-label="About Hearth">
      <p class="welcome-lead">A quiet place for the two of you to find your way back to each other.</p>
      <p>
        Hearth is private: it runs on this server, and what you write here stays here. No ads, no tracking, nothing
        sent elsewhere.
      </p>
    </section>
  );
}
