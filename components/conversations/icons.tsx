import { Bell, BellOff, Camera, ChevronLeft, Ellipsis, MessageCircle, SquarePen, Users, Video } from "lucide-react";

// The chat screens' icons, from the app's one icon set (lucide, each imported on its own so only
// these are bundled). Decorative: the button or link around each one carries the name.

export const BellIcon = ({ size = 20 }: { size?: number }) => <Bell size={size} aria-hidden="true" />;
export const BellOffIcon = ({ size = 20 }: { size?: number }) => <BellOff size={size} aria-hidden="true" />;
export const BackIcon = () => <ChevronLeft size={22} aria-hidden="true" />;
export const PeopleIcon = () => <Users size={20} aria-hidden="true" />;
export const MoreIcon = () => <Ellipsis size={18} aria-hidden="true" />;
export const CameraIcon = () => <Camera size={22} aria-hidden="true" />;
export const ComposeIcon = () => <SquarePen size={18} aria-hidden="true" />;
export const VideoCallIcon = ({ size = 20 }: { size?: number }) => <Video size={size} aria-hidden="true" />;
export const ChatBubbleIcon = ({ size = 48 }: { size?: number }) => <MessageCircle size={size} aria-hidden="true" />;
