/** What became of a press: the ring it rang (or joined, within the debounce window), or why it did not ring. */
export type PressOutcome =
  | { readonly kind: 'rang'; readonly ringId: string; readonly debounced: boolean }
  | { readonly kind: 'failed'; readonly message: string };
