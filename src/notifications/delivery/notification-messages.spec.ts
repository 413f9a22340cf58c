import { I18nService } from '../../i18n/i18n.service';
import de from '../locales/de.json';
import en from '../locales/en.json';
import es from '../locales/es.json';
import fr from '../locales/fr.json';
import nl from '../locales/nl.json';
import pl from '../locales/pl.json';
import { slackPayload, teamsPayload } from './chat-webhook';
import { renderNotification } from './notification-messages';

describe('notification messages', () => {
  const i18n = new I18nService();
  i18n.addNamespace('notifications', { en, de, nl, pl, fr, es });

  it('says what happened in the member’s language, with the reason in words and the link to the post', () => {
    const held = renderNotification(i18n, 'de', 'https://preclear.example', {
      event: 'post_held',
      postId: 'p-1',
      params: { title: 'Winterkredit', reason: 'blackout' },
    });
    expect(held).toEqual({
      subject: 'Beitrag angehalten: Winterkredit',
      body: '„Winterkredit“ ist angehalten: eine Sperrfrist.',
      action: 'In Preclear öffnen',
      url: 'https://preclear.example/posts/p-1',
    });
  });

  it('reads an unknown hold reason as "other reasons" rather than showing a code', () => {
    const held = renderNotification(i18n, 'en', '', {
      event: 'post_held',
      postId: 'p',
      params: { title: 'T', reason: 'something_new' },
    });
    expect(held.body).toBe('“T” is held: other reasons.');
  });

  it('keeps markup in a title as text in Slack and Teams messages', () => {
    const message = renderNotification(i18n, 'en', 'https://x.example', {
      event: 'approved',
      postId: 'p',
      params: { title: '<!channel> & <b>' },
    });
    const slack = slackPayload(message) as { text: string; blocks: { text?: { text: string } }[] };
    expect(slack.blocks[0].text?.text).toContain('&lt;!channel&gt; &amp; &lt;b&gt;');
    const teams = teamsPayload(message) as {
      attachments: { content: { body: { text: string }[]; actions: { url: string }[] } }[];
    };
    expect(teams.attachments[0].content.body[0].text).toBe('Approved: <!channel> & <b>');
    expect(teams.attachments[0].content.actions[0].url).toBe('https://x.example/posts/p');
  });
});
