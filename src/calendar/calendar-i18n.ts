/** Messages of the calendar module (posts, campaigns), in the app's languages: `calendar:errors.*`. */
export const CALENDAR_I18N_NAMESPACE = 'calendar';
