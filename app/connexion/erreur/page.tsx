import { MessagePage } from "@/components/layout/MessagePage";

export default function SignInErrorPage() {
  return <MessagePage namespace="auth.error" backHref="/connexion" />;
}
