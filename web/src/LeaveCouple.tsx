// "Leave this couple", with a confirm step that says plainly what happens. Used on Couple and Settings.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api';
import { Button, FormError, errorsFrom, type Errors } from './components';
import { partnerOf, useSession } from './session';

export function LeaveCouple({ id }: { id: string }) {
  const session = useSession();
  const partner = partnerOf(session.me.couple);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const name = partner?.display_name ?? 'your partner';
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) titleRef.current?.focus();
  }, [confirming]);

  async function leave() {
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      await api.leaveCouple();
      session.setInvite(null);
      await session.refresh();
    } catch (error) {
      setBusy(false);
      setErrors(errorsFrom(error, []));
    }
  }

  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
        Leave this couple…
      </Button>
    );
  }

  return (
    <div class="confirm" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} tabIndex={-1} ref={titleRef}>
        Leave your couple with {name}?
      </h3>
      <ul>
        <li>You will no longer be connected to {name} on Hearth.</li>
        <li>Each of you keeps your own account and everything you wrote yourself.</li>
        <li>{name} keeps the couple and can invite someone again. You can be invited again too.</li>
      </ul>
      <FormError message={errors.form} />
      <div class="actions">
        <Button type="button" variant="danger" busy={busy} busyLabel="Leaving…" onClick={leave}>
          Yes, leave the couple
        </Button>
        <Button type="button" variant="quiet" onClick={() => setConfirming(false)}>
          Stay connected
        </Button>
      </div>
    </div>
  );
}
