/**
 * The engine's own i18next namespace: words the app and CLI need around findings (the [K]
 * note, severity and verdict names). Pack messages live in the packs' locale files.
 */
export const ENGINE_NAMESPACE = 'engine';

type Messages = {
  verification: Record<'V' | 'S' | 'K', string>;
  capped: string;
  severity: Record<'block' | 'fix' | 'approval' | 'info', string>;
  verdict: Record<'blocked' | 'needs_changes' | 'needs_approval' | 'clear', string>;
};

export const ENGINE_MESSAGES: Record<string, Messages> = {
  en: {
    verification: {
      V: 'Checked against the rule text.',
      S: 'Based on secondary sources.',
      K: 'Unverified: confirm before enforcing.',
    },
    capped: 'Shown as an approval item instead of "{{severity}}" because the rule is unverified.',
    severity: { block: 'blocks', fix: 'must be fixed', approval: 'needs approval', info: 'for information' },
    verdict: { blocked: 'blocked', needs_changes: 'needs changes', needs_approval: 'needs approval', clear: 'clear' },
  },
  de: {
    verification: {
      V: 'Am Normtext geprüft.',
      S: 'Beruht auf Sekundärquellen.',
      K: 'Nicht verifiziert: vor der Durchsetzung bestätigen.',
    },
    capped: 'Als Freigabepunkt statt "{{severity}}" gezeigt, weil die Regel nicht verifiziert ist.',
    severity: {
      block: 'blockiert',
      fix: 'muss korrigiert werden',
      approval: 'braucht Freigabe',
      info: 'zur Information',
    },
    verdict: {
      blocked: 'blockiert',
      needs_changes: 'Änderungen nötig',
      needs_approval: 'Freigabe nötig',
      clear: 'unbedenklich',
    },
  },
  nl: {
    verification: {
      V: 'Gecontroleerd aan de tekst van de regel.',
      S: 'Gebaseerd op secundaire bronnen.',
      K: 'Niet geverifieerd: bevestig voordat u handhaaft.',
    },
    capped: 'Getoond als goedkeuringspunt in plaats van "{{severity}}" omdat de regel niet geverifieerd is.',
    severity: {
      block: 'blokkeert',
      fix: 'moet worden aangepast',
      approval: 'vereist goedkeuring',
      info: 'ter informatie',
    },
    verdict: {
      blocked: 'geblokkeerd',
      needs_changes: 'aanpassingen nodig',
      needs_approval: 'goedkeuring nodig',
      clear: 'in orde',
    },
  },
  pl: {
    verification: {
      V: 'Sprawdzono w tekście przepisu.',
      S: 'Na podstawie źródeł wtórnych.',
      K: 'Niezweryfikowane: potwierdź przed egzekwowaniem.',
    },
    capped: 'Pokazane jako punkt do zatwierdzenia zamiast "{{severity}}", ponieważ reguła nie jest zweryfikowana.',
    severity: { block: 'blokuje', fix: 'wymaga poprawki', approval: 'wymaga zatwierdzenia', info: 'informacyjnie' },
    verdict: {
      blocked: 'zablokowany',
      needs_changes: 'wymaga zmian',
      needs_approval: 'wymaga zatwierdzenia',
      clear: 'bez zastrzeżeń',
    },
  },
  fr: {
    verification: {
      V: 'Vérifié dans le texte de la règle.',
      S: 'Fondé sur des sources secondaires.',
      K: 'Non vérifié : à confirmer avant application.',
    },
    capped: 'Présenté comme point d’approbation au lieu de « {{severity}} » car la règle n’est pas vérifiée.',
    severity: { block: 'bloque', fix: 'à corriger', approval: 'à approuver', info: 'pour information' },
    verdict: {
      blocked: 'bloqué',
      needs_changes: 'modifications requises',
      needs_approval: 'approbation requise',
      clear: 'conforme',
    },
  },
  es: {
    verification: {
      V: 'Comprobado en el texto de la norma.',
      S: 'Basado en fuentes secundarias.',
      K: 'No verificado: confirmar antes de aplicar.',
    },
    capped: 'Se muestra como punto de aprobación en lugar de «{{severity}}» porque la norma no está verificada.',
    severity: { block: 'bloquea', fix: 'debe corregirse', approval: 'requiere aprobación', info: 'informativo' },
    verdict: {
      blocked: 'bloqueado',
      needs_changes: 'requiere cambios',
      needs_approval: 'requiere aprobación',
      clear: 'conforme',
    },
  },
};
