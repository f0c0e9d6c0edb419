// Answers whose save failed after the person had left the questionnaire. Kept in memory only (answers
// are private: nothing goes to localStorage) so the next visit can save them and say so.
type Answers = Record<string, number | null>;

const byInstrument = new Map<string, Answers>();

export const unsaved = {
  add(instrument: string, answers: Answers): void {
    byInstrument.set(instrument, { ...byInstrument.get(instrument), ...answers });
  },
  /** Removes and returns what was waiting for this instrument. */
  take(instrument: string): Answers | null {
    const answers = byInstrument.get(instrument) ?? null;
    byInstrument.delete(instrument);
    return answers;
  },
  instruments: (): string[] => [...byInstrument.keys()],
};
