import { useDocumentTitle } from '../../app/use-document-title.ts';
import { Section } from '../../components/Section.tsx';
import { DevicesSection } from './DevicesSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { PasswordSection } from './PasswordSection.tsx';
import { ProfileDetails } from './ProfileDetails.tsx';
import { ProfilePhoto } from './ProfilePhoto.tsx';
import { SignOutButton } from './SignOutButton.tsx';

export function SettingsPage() {
  useDocumentTitle('Settings');
  return (
    <div className="page">
      <h1>Settings</h1>
      <Section title="Profile">
        <ProfilePhoto />
        <ProfileDetails />
      </Section>
      <Section title="Password">
        <PasswordSection />
      </Section>
      <Section title="Notifications">
        <NotificationsSection />
      </Section>
      <Section title="Devices">
        <DevicesSection />
      </Section>
      <Section title="Sign out">
        <p className="muted">Sign out of Parley on this browser. Your other devices stay signed in.</p>
        <SignOutButton />
      </Section>
    </div>
  );
}
